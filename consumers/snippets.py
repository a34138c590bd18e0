#!/usr/bin/env python3
"""Keeps the code blocks of README.md equal to regions of the consumer tests.

A region starts at a line `# snippet:NAME` (Python) or `// snippet:NAME` (Java, Go) and ends at the
next `# end-snippet` / `// end-snippet`; it is dedented. In the markdown, a line
`<!-- snippet:NAME -->` is followed by a fenced code block holding that region.

    python3 consumers/snippets.py --check   # exit 1 if a block differs from its region
    python3 consumers/snippets.py --write   # rewrite the blocks from the regions
"""
import re
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKDOWN = HERE.parent / "README.md"
SOURCES = [
    HERE / "python" / "test_consumer.py",
    HERE / "java" / "src" / "test" / "java" / "io" / "github" / "compliantlambdatrail" / "consumer" / "ConsumerTest.java",
    HERE / "go" / "consumer_test.go",
]
START = re.compile(r"^\s*(?:#|//) snippet:([\w-]+)\s*$")
END = re.compile(r"^\s*(?:#|//) end-snippet\s*$")
BLOCK = re.compile(r"(<!-- snippet:([\w-]+) -->\n```(\w*)\n)(.*?)(```)", re.S)


def regions():
    found = {}
    for source in SOURCES:
        name, lines = None, []
        for number, line in enumerate(source.read_text().splitlines(), 1):
            if name is None:
                match = START.match(line)
                if match:
                    name, lines = match.group(1), []
                    if name in found:
                        sys.exit(f"{source}:{number}: snippet {name} is defined twice")
            elif END.match(line):
                found[name] = textwrap.dedent("\n".join(lines)).strip("\n") + "\n"
                name = None
            else:
                lines.append(line)
        if name is not None:
            sys.exit(f"{source}: snippet {name} has no end-snippet")
    return found


def main(mode):
    code = regions()
    text = MARKDOWN.read_text()
    problems = []
    used = set()

    def replace(match):
        name = match.group(2)
        used.add(name)
        if name not in code:
            problems.append(f"{MARKDOWN.name}: snippet {name} is not in any consumer test")
            return match.group(0)
        if match.group(4) != code[name]:
            problems.append(f"{MARKDOWN.name}: snippet {name} differs from the consumer test")
        return match.group(1) + code[name] + match.group(5)

    new_text = BLOCK.sub(replace, text)
    unused = sorted(set(code) - used)
    if unused:
        problems.append(f"{MARKDOWN.name}: no block for snippet(s) {', '.join(unused)}")
    if mode == "--write":
        MARKDOWN.write_text(new_text)
        problems = [p for p in problems if "differs" not in p]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        if mode == "--check":
            print("run: python3 consumers/snippets.py --write", file=sys.stderr)
        return 1
    print(f"{len(used)} snippets {'written' if mode == '--write' else 'in sync'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("--check", "--write"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
