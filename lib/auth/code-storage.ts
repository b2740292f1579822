import "server-only";
import { symmetricDecrypt, symmetricEncrypt } from "better-auth/crypto";

/**
 * How sign-in codes are kept in the database: encrypted under SESSION_SECRET, so that asking
 * again can mail the same code (auth.ts). A stored value that does not decrypt (a code stored
 * hashed by an earlier version, or under a secret since rotated) reads as no code at all: a
 * try against it is a wrong code, and asking again makes a new one, never an error.
 */
export function codeStorage(secret: string) {
  return {
    encrypt: (code: string) => symmetricEncrypt({ key: secret, data: code }),
    decrypt: async (stored: string) => {
      try {
        return await symmetricDecrypt({ key: secret, data: stored });
      } catch {
        return ""; // matches no code (they are six digits); empty is "nothing to reuse"
      }
    },
  };
}
