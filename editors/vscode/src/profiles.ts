// The built-in profiles, offered by the status-bar picker (a test keeps this
// list equal to server/cablelint-core/src/profile/builtin/*.toml).
export const BUILTIN_PROFILES: { id: string; name: string }[] = [
  { id: "generic", name: "Generic cable" },
  { id: "prc-mfa-cable", name: "PRC Foreign Ministry cable" },
  { id: "polish-ciphergram", name: "Polish ciphergram" },
  { id: "soviet-ciphered-telegram", name: "Soviet ciphered telegram" },
  { id: "frus-telegram", name: "FRUS telegram" },
];
