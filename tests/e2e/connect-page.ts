import { expect, type Page } from "@playwright/test";

/** Page object for /connect and the sandbox consent page. */
export class ConnectFlow {
  constructor(readonly page: Page) {}

  async open(baseUrl = "") {
    await this.page.goto(`${baseUrl}/connect`);
  }

  async preset(label: "View balances" | "View history" | "Send on my behalf") {
    await this.page.getByRole("button", { name: label }).click();
  }

  scope(description: RegExp) {
    return this.page.getByRole("checkbox", { name: description });
  }

  async submit() {
    await this.page.getByRole("button", { name: "Connect with Coinbase" }).click();
    await expect(this.page).toHaveURL(/\/sandbox\/login\/oauth2\/auth\?/);
  }

  async allow() {
    await this.page.getByRole("button", { name: "Allow" }).click();
  }

  async deny() {
    await this.page.getByRole("button", { name: "Deny" }).click();
  }

  async expectSignedIn() {
    await expect(this.page).toHaveURL(/\/account/);
    await expect(this.page.getByRole("heading", { name: "Your Coinbase account" })).toBeVisible();
  }
}
