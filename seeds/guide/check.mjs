// Checks the guide pages against the format of the team brief (seeds/guide/README.md).
// Run: node seeds/guide/check.mjs   — exits 1 and lists every problem when a page breaks the format.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(fileURLToPath(import.meta.url));
const SCAM_TYPES = [
	"fake-customer-service",
	"fake-police",
	"fake-investment",
	"order-brushing",
	"romance",
	"fake-boss",
	"ticket-refund",
	"livestream-jade",
	"fake-charity",
	"socialite-training",
	"game-account",
	"two-cards",
	"fake-shopping",
	"fake-loan",
	"fake-credit",
	"fake-acquaintance",
	"phishing",
	"recovery-scam",
	"sextortion",
];
const SITUATIONS = {
	"after-scammed": "victims",
	"protect-elderly": "elderly",
	students: "students",
	"finance-staff": "finance",
	"hotline-96110": "general",
	"anti-fraud-app": "general",
	"verify-someone": "general",
};
const LANGS = { zh: "zh-Hans", en: "en" };
// [section id, list kind, min items, max items]; 'rule' is one paragraph.
const SECTIONS = {
	"scam-type": [
		["how", "ol", 3, 6],
		["flags", "ul", 4, 7],
		["todo", "ul", 3, 6],
		["rule", "p", 1, 1],
	],
	situation: [
		["steps", "ol", 3, 6],
		["facts", "ul", 3, 7],
		["todo", "ul", 3, 6],
		["rule", "p", 1, 1],
	],
};
const MAX_LEN = { zh: 100, en: 200 };

/** Parses the YAML subset of the front matter: `key: value` scalars and `key:` followed by `- a: b` maps. */
function parseFrontMatter(text) {
	const data = {};
	let list = null;
	for (const line of text.split("\n")) {
		if (!line.trim() || line.trim().startsWith("#")) continue;
		const item = line.match(/^\s+-\s+(\w+):\s*(.*)$/);
		const cont = line.match(/^\s{3,}(\w+):\s*(.*)$/);
		const top = line.match(/^(\w+):\s*(.*)$/);
		if (item && list) list.push({ [item[1]]: unquote(item[2]) });
		else if (cont && list?.length)
			list[list.length - 1][cont[1]] = unquote(cont[2]);
		else if (top) {
			const value = top[2].replace(/\s+#.*$/, "");
			if (value === "") data[top[1]] = list = [];
			else {
				data[top[1]] = unquote(value);
				list = null;
			}
		} else throw new Error(`front matter line not understood: ${line}`);
	}
	return data;
}
const unquote = (s) => {
	const v = s.trim();
	// Stay inside the YAML subset every parser agrees on: no ": " or " #" in plain values, no leading indicator.
	if (
		!/^(['"]).*\1$/.test(v) &&
		(/: | #/.test(v) || /^[[\]{}&*!|>'"%@`]/.test(v))
	)
		throw new Error(`value needs quoting or rewording: ${v}`);
	return v.replace(/^(['"])(.*)\1$/, "$2");
};

function checkPage(dir, file) {
	const problems = [];
	const p = (msg) => problems.push(`${dir}/${file}: ${msg}`);
	const raw = readFileSync(join(ROOT, dir, file), "utf8");
	const m = raw.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
	if (!m) return [`${dir}/${file}: no front matter`];
	let fm;
	try {
		fm = parseFrontMatter(m[1]);
	} catch (e) {
		return [`${dir}/${file}: ${e.message}`];
	}
	const id = file.replace(/\.md$/, "");
	if (fm.id !== id) p(`id "${fm.id}" differs from the file name`);
	if (fm.lang !== LANGS[dir]) p(`lang "${fm.lang}" should be ${LANGS[dir]}`);
	for (const k of ["title", "updated"]) if (!fm[k]) p(`missing ${k}`);
	if (!/^\d{4}-\d{2}$/.test(fm.updated ?? "")) p("updated should be YYYY-MM");
	if (!Array.isArray(fm.sources) || fm.sources.length === 0) p("no sources");
	else
		for (const s of fm.sources)
			if (!s.name || !/^https?:\/\//.test(s.url ?? ""))
				p(`source needs name and http(s) url: ${JSON.stringify(s)}`);
	if (SCAM_TYPES.includes(id)) {
		if (fm.topic !== "scam-type") p("topic should be scam-type");
		if (fm.scamType !== id) p("scamType should equal the id");
		if ("audience" in fm) p("audience is for situation pages only");
	} else if (id in SITUATIONS) {
		if (fm.topic !== "situation") p("topic should be situation");
		if (fm.audience !== SITUATIONS[id])
			p(`audience should be ${SITUATIONS[id]}`);
		if ("scamType" in fm) p("scamType is for scam-type pages only");
	} else p("id is neither a scam type nor a known situation");
	const spec = SECTIONS[fm.topic];
	if (!spec) return problems;
	// Split the body into sections by `## Heading {#id}`.
	const sections = new Map();
	let current = null;
	for (const line of m[2].split("\n")) {
		const h = line.match(/^##\s+(.+?)\s+\{#([a-z-]+)\}\s*$/);
		if (h) {
			current = h[2];
			if (sections.has(current)) p(`section ${current} twice`);
			sections.set(current, []);
			continue;
		}
		if (/^#/.test(line)) {
			p(`heading without {#id}: ${line}`);
			continue;
		}
		if (!line.trim()) continue;
		if (!current) {
			p(`text before the first section: ${line}`);
			continue;
		}
		sections.get(current).push(line);
	}
	const order = [...sections.keys()];
	const want = spec.map((s) => s[0]);
	if (order.join() !== want.join())
		p(`sections ${order.join(",")} should be ${want.join(",")}`);
	for (const [sid, kind, min, max] of spec) {
		const lines = sections.get(sid);
		if (!lines) continue;
		const items = [];
		for (const line of lines) {
			const ol = line.match(/^(\d+)\.\s+(.*)$/);
			const ul = line.match(/^-\s+(.*)$/);
			if (kind === "ol" && ol) items.push(ol[2]);
			else if (kind === "ul" && ul) items.push(ul[1]);
			else if (kind === "p" && !ol && !ul) items.push(line.trim());
			else p(`${sid}: line is not a ${kind} item: ${line}`);
		}
		if (items.length < min || items.length > max)
			p(`${sid}: ${items.length} items, want ${min}-${max}`);
		for (const t of items) {
			const len = [...t].length;
			if (len > MAX_LEN[dir])
				p(`${sid}: item is ${len} chars (max ${MAX_LEN[dir]}): ${t}`);
			const sentences =
				dir === "zh"
					? (t.match(/[。！？]/g) ?? []).length
					: (t.match(/[.!?](\s|$)/g) ?? []).length;
			if (sentences < 1 || sentences > 2)
				p(
					`${sid}: ${sentences} sentences (want 1-2, ending with punctuation): ${t}`,
				);
			// Standalone: an item must not lean on the previous one.
			if (dir === "zh" && /^(这|那|它|此|其|他们|她|他)/.test(t))
				p(`${sid}: item starts with a back-reference: ${t}`);
			if (
				dir === "en" &&
				/^(It|This|That|They|These|Those|He|She|Then)\b/.test(t)
			)
				p(`${sid}: item starts with a back-reference: ${t}`);
			if (dir === "zh" && /转帐|帐户|帐号/.test(t))
				p(`${sid}: use 账 not 帐: ${t}`);
			// Never call anything safe; "安全账户" only appears as the scammers' word, in quotes.
			if (dir === "zh" && /安全/.test(t.replace(/[“「]安全账户[”」]/g, "")))
				p(`${sid}: "安全" outside “安全账户”: ${t}`);
			if (
				dir === "en" &&
				/\bsafe\b/i.test(t.replace(/["“]safe account["”]s?/gi, ""))
			)
				p(`${sid}: "safe" outside "safe account": ${t}`);
		}
	}
	return problems;
}

const problems = [];
const ids = {};
for (const dir of Object.keys(LANGS)) {
	ids[dir] = readdirSync(join(ROOT, dir))
		.filter((f) => f.endsWith(".md"))
		.sort();
	for (const f of ids[dir]) problems.push(...checkPage(dir, f));
}
for (const id of [...SCAM_TYPES, ...Object.keys(SITUATIONS)]) {
	for (const dir of Object.keys(LANGS))
		if (!ids[dir].includes(`${id}.md`))
			problems.push(`${dir}/${id}.md: missing`);
}
if (problems.length) {
	console.error(problems.join("\n"));
	console.error(`\n${problems.length} problem(s)`);
	process.exit(1);
}
console.log(`guide OK: ${ids.zh.length} zh + ${ids.en.length} en pages`);
