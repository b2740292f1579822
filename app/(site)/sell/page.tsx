import { RampPage } from "@/components/ramp/RampPage";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Sell crypto" };

function SellPage() {
  return <RampPage side="sell" />;
}

export default withViewerCheck(SellPage);
