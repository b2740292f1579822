import { RampPage } from "@/components/ramp/RampPage";

export const metadata = { title: "Buy crypto" };

export default function BuyPage() {
  return <RampPage side="buy" />;
}
