// oidc-provider ships no type declarations; the test fixture uses a small, loosely typed surface.
declare module "oidc-provider" {
  const Provider: any;
  export default Provider;
}
