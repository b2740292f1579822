import "server-only";
import { importJWK } from "jose";
import { getConfig } from "@/lib/config/env";
import { processSingleton } from "@/lib/process/singleton";
import { generateSandboxKey, parseCdpApiKey, type CdpSigningKey } from "./api-key";
import type { CdpJwtKey } from "./jwt";

/**
 * The key that signs CDP requests: the operator's key in live mode, or one generated in
 * memory at start in sandbox mode (the sandbox verifies with its public half). Parsed once
 * per process, at start (lib/config/startup.ts): a bad key stops the server there.
 */
export function getCdpSigningKey(): CdpSigningKey {
  return processSingleton("cdp-signing-key", () => {
    const { apiKey } = getConfig().ramp;
    return apiKey ? parseCdpApiKey(apiKey.id, apiKey.secret) : generateSandboxKey();
  });
}

/** The same key imported once into WebCrypto for jose, so no request pays for an import. */
export function getCdpJwtKey(): Promise<CdpJwtKey> {
  return processSingleton("cdp-jwt-key", () => toJwtKey(getCdpSigningKey()));
}

export async function toJwtKey({
  keyId,
  algorithm,
  privateKey,
}: CdpSigningKey): Promise<CdpJwtKey> {
  const jwk = privateKey.export({ format: "jwk" });
  return { keyId, algorithm, privateKey: (await importJWK(jwk, algorithm)) as CryptoKey };
}
