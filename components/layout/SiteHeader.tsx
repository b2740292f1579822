import Link from "next/link";

const LINKS = [
  { href: "/buy", label: "Buy" },
  { href: "/sell", label: "Sell" },
  { href: "/connect", label: "Connect" },
  { href: "/account", label: "Account" },
];

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200">
      <nav aria-label="Main" className="mx-auto flex max-w-3xl items-center gap-6 px-4 py-3">
        <Link href="/" className="font-semibold">
          Ramps reference
        </Link>
        <ul className="flex gap-4 text-sm">
          {LINKS.map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="hover:underline">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
