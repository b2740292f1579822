import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Coinbase ramps & Connect: reference integration",
    template: "%s · Coinbase reference integration",
  },
  description:
    "Buy and sell crypto with Coinbase Onramp/Offramp, and connect a Coinbase account with Coinbase Connect.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
