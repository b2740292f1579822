import { CompletionNotice } from "@/components/ramp/CompletionNotice";

export const metadata = { title: "Sale" };

export default function SellCompletePage() {
  return <CompletionNotice side="sell" />;
}
