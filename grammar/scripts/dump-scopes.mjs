// Prints each line of a file with the scopes the grammar gives it: `node scripts/dump-scopes.mjs FILE`.
import { readFileSync } from "node:fs";
import { tokenize, describe } from "../tests/tokenize.mjs";
const text = readFileSync(process.argv[2], "utf8");
console.log(describe(await tokenize(text)));
