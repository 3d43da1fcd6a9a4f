// The TLS options both database drivers (pg and mysql2 hand them to node:tls) get from an
// Airbyte-style `ssl_mode` object. The modes' names differ per database; what they mean does not.

/** The certificate fields of an `ssl_mode` option (Airbyte's key names). */
export interface SslModeConfig {
  mode?: string;
  ca_certificate?: string;
  client_certificate?: string;
  client_key?: string;
  client_key_password?: string;
}

export type TlsOptions = Record<string, unknown>;

/** Encrypted, the server's certificate not checked (Postgres `require`, MySQL `required`). */
export function unverifiedTls(): TlsOptions {
  return { rejectUnauthorized: false };
}

/**
 * Encrypted, the certificate checked against the given CA (and the client certificate sent when
 * there is one); the host name is checked too only when `checkHost` (verify-full / verify_identity).
 */
export function verifiedTls(sslMode: SslModeConfig | undefined, checkHost: boolean): TlsOptions {
  const options: TlsOptions = {
    ...(sslMode?.ca_certificate ? { ca: sslMode.ca_certificate } : {}),
    ...(sslMode?.client_certificate ? { cert: sslMode.client_certificate } : {}),
    ...(sslMode?.client_key ? { key: sslMode.client_key } : {}),
    ...(sslMode?.client_key_password ? { passphrase: sslMode.client_key_password } : {}),
    rejectUnauthorized: true,
  };
  return checkHost ? options : { ...options, checkServerIdentity: () => undefined };
}
