import { CompletionNotice } from "@/components/ramp/CompletionNotice";

export const metadata = { title: "Purchase" };

export default function BuyCompletePage() {
  return <CompletionNotice side="buy" />;
}
