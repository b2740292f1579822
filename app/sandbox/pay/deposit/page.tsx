import { renderDepositPage } from "@/lib/sandbox/pay/render-deposit";

export const metadata = { title: "Sandbox: deposit for a sale", robots: "noindex" };

export default async function SandboxDepositPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return renderDepositPage(props.searchParams);
}
