// The floor for page weight: a bare Next.js page with no code of ours (no client
// components, no CSS). JavaScript, not TypeScript, so that building it never writes a
// second next-env.d.ts or route types into the repo's TypeScript project.
export const metadata = { title: "Floor" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
