"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/buy", label: "Buy" },
  { href: "/sell", label: "Sell" },
  { href: "/connect", label: "Connect" },
  { href: "/account", label: "Account" },
];

/**
 * The main links, the current section marked (`aria-current`) for eyes and screen readers. Each
 * at least 24 px each way (WCAG 2.2 target size): as tall as its text, a link was 16 px.
 */
export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex gap-3 text-sm sm:gap-4">
      {LINKS.map((link) => {
        const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current ? "page" : undefined}
              className="inline-flex min-h-6 min-w-6 items-center justify-center hover:underline aria-[current=page]:font-semibold aria-[current=page]:underline aria-[current=page]:decoration-2 aria-[current=page]:underline-offset-4"
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
