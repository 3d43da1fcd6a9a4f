// The console bundle's entry (widget/dist/console.js), loaded by the page at `/`.
import { render } from "preact";
import { ConsoleApp } from "./console-app.tsx";
import { consoleStyles } from "./styles.ts";

const style = document.createElement("style");
style.textContent = consoleStyles;
document.head.appendChild(style);
render(<ConsoleApp />, document.getElementById("onramp-console") ?? document.body);
