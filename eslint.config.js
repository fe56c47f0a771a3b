// ESLint for the page scripts under static/ (static/vendor/ is third-party code, not linted):
// `python3 dev.py lint` runs it, and .ci/run. The recommended rules, browser globals.
// A page script is an ES module (<script type="module">) unless named in CLASSIC_SCRIPTS,
// which a template loads with a plain <script> (tests/tooling/test_eslint_config.py checks
// this list against the templates).
import js from "@eslint/js";
import globals from "globals";

const CLASSIC_SCRIPTS = ["static/designs/editor_guest.js"];

export default [
  { ignores: ["static/vendor/"] },
  js.configs.recommended,
  {
    files: ["static/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    files: CLASSIC_SCRIPTS,
    languageOptions: { sourceType: "script" },
  },
];
