import { expect, test } from "@playwright/test";
import { expectAccessibleInBothSchemes } from "../support/axe";
import { SignInPage, signInOverHttp } from "../support/sign-in";
import { ConnectFlow } from "./connect-page";
import { openGuestCheckout } from "./guest-flow";
import { uniquePhone } from "./guest-page";

/**
 * The states of pages that the page tour (ramp-ux.spec.ts) and the journeys do not stop at,
 * read by axe in both colour schemes: a user meets each of them.
 */

test("signed out: /account, guest checkout, /sign-in's code step, a phone link to try again, a renewal to try again", async ({
  page,
}) => {
  test.setTimeout(60_000); // five states, each read twice
  await page.goto("/account");
  await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expectAccessibleInBothSchemes(page, "/account, signed out");

  await page.goto("/buy/guest?asset=USDC&network=base&amount=20");
  await expect(page.getByText("Sign in to continue")).toBeVisible();
  await expectAccessibleInBothSchemes(page, "guest checkout, signed out");

  await SignInPage.atCodeStep(page, "/account");
  await expectAccessibleInBothSchemes(page, "/sign-in, the code step");

  await page.goto("/handoff?link=retry&id=AAAAAAAAAAAAAAAAAAAAAA");
  await expect(page.getByRole("link", { name: "Try the link again" })).toBeVisible();
  await expectAccessibleInBothSchemes(page, "/handoff, Coinbase did not answer");

  await page.goto("/oauth/result?failure=refresh_store_unavailable&from=/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Your session could not be renewed just now",
  );
  await expectAccessibleInBothSchemes(page, "/oauth/result, renewal to try again");
});

test("connected: Connect asking for more permissions", async ({ page }) => {
  await signInOverHttp(page, { next: "/" });
  await new ConnectFlow(page).connect();
  await page.getByRole("link", { name: "Ask for more permissions" }).click();
  await expect(page.getByText("Asking for more keeps what you already granted")).toBeVisible();
  await expectAccessibleInBothSchemes(page, "/connect, asking for more");
});

test("guest checkout: the code step, a wrong code, and limits that could not be fetched", async ({
  page,
}) => {
  test.setTimeout(60_000); // three states, each read four times
  const { email, guest } = await openGuestCheckout(page, "20");
  const phone = uniquePhone();
  await page.getByLabel("Mobile phone number").fill(phone.typed);
  await page.getByRole("button", { name: "Text me a code" }).click();
  const code = page.getByLabel("Code", { exact: true });
  await expect(code).toBeFocused();
  await expectAccessibleInBothSchemes(page, "guest checkout: the code step");

  const sent = await guest.codeSentTo(phone.e164);
  await code.fill(sent === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expectAccessibleInBothSchemes(page, "guest checkout: a wrong code");

  // The rest of the way, the limits' first ask lost (a dropped connection).
  await page.route("**/api/guest/limits", (route) => route.abort("connectionreset"), {
    times: 1,
  });
  await guest.enterCode(sent);
  await guest.verifyEmail(email);
  await guest.acceptTerms();
  await expect(guest.limits()).toContainText("Could not reach the server");
  await expectAccessibleInBothSchemes(page, "guest checkout: limits not fetched");
});
