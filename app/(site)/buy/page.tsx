import { RampPage } from "@/components/ramp/RampPage";
import { withViewerCheck } from "@/components/auth/PageViewerCheck";

export const metadata = { title: "Buy crypto" };

function BuyPage() {
  return <RampPage side="buy" />;
}

export default withViewerCheck(BuyPage);
