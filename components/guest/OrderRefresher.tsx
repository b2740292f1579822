"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const EVERY_MS = 2000;

/** Renders the page again every 2 s while the order is not final (each render asks Coinbase). */
export function OrderRefresher() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), EVERY_MS);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <p role="status" className="text-sm text-slate-600">
      Waiting for Coinbase…
    </p>
  );
}
