import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("is the last entry without a proxy (what Next's server records from the connection)", () => {
    expect(clientAddress("203.0.113.7", 0)).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.1, 203.0.113.7", 0)).toBe("203.0.113.7");
  });

  it("is the N-th entry from the right behind N proxies, whatever the client prepended", () => {
    // client forged "1.1.1.1"; proxy 1 appended the client's real address; proxy 2 appended proxy 1's.
    expect(clientAddress("1.1.1.1, 198.51.100.4", 1)).toBe("198.51.100.4");
    expect(clientAddress("1.1.1.1, 198.51.100.4, 10.0.0.2", 2)).toBe("198.51.100.4");
    expect(clientAddress(" 198.51.100.4 ,10.0.0.2 ", 2)).toBe("198.51.100.4");
  });

  it("takes the leftmost there is when the header has fewer entries than proxies", () => {
    expect(clientAddress("198.51.100.4", 3)).toBe("198.51.100.4");
  });

  it("is empty without a header, and bounded in length", () => {
    expect(clientAddress(null, 0)).toBe("");
    expect(clientAddress(" , ", 1)).toBe("");
    expect(clientAddress("x".repeat(500), 0)).toHaveLength(100);
  });
});
