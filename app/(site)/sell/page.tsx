import { RampPage } from "@/components/ramp/RampPage";

export const metadata = { title: "Sell crypto" };

export default function SellPage() {
  return <RampPage side="sell" />;
}
