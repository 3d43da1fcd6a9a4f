import { describe, expect, it } from "vitest";
import { unverifiedTls, verifiedTls } from "./tls-options.ts";

describe("TLS options from ssl_mode", () => {
  const sslMode = { mode: "verify-ca", ca_certificate: "CA", client_certificate: "CERT", client_key: "KEY", client_key_password: "PASS" };

  it("verify-ca checks the certificate chain but not the host name; verify-full checks both", () => {
    const caOnly = verifiedTls(sslMode, false);
    expect(caOnly).toMatchObject({ ca: "CA", cert: "CERT", key: "KEY", passphrase: "PASS", rejectUnauthorized: true });
    expect((caOnly.checkServerIdentity as () => unknown)()).toBeUndefined();
    const full = verifiedTls(sslMode, true);
    expect(full).toEqual({ ca: "CA", cert: "CERT", key: "KEY", passphrase: "PASS", rejectUnauthorized: true });
  });

  it("leaves out certificate fields that are not given, and require does not verify", () => {
    expect(verifiedTls({ mode: "verify-full" }, true)).toEqual({ rejectUnauthorized: true });
    expect(unverifiedTls()).toEqual({ rejectUnauthorized: false });
  });
});
