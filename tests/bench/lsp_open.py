#!/usr/bin/env python3
"""Opens one file in the language server over stdio and prints how long the
first publishDiagnostics took, how many diagnostics it carried, and the
server's peak RSS. With --pull the client offers pull diagnostics (as VS
Code does) and asks textDocument/diagnostic instead. A benchmark that prints
figures, not a test.

usage: lsp_open.py FILE [--pull] [--server "target/release/cablelint lsp --stdio"]
"""

import argparse
import os
import shlex
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lsp_bench import REPO, Client, open_frame  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--server", default=f"{REPO}/target/release/cablelint lsp --stdio")
    parser.add_argument("--pull", action="store_true", help="pull diagnostics instead of waiting for them")
    args = parser.parse_args()
    text = Path(args.file).read_bytes().decode("utf-8", errors="replace")
    client = Client(shlex.split(args.server))
    client.initialize({"textDocument": {"diagnostic": {}}} if args.pull else None)
    uri = "file://" + os.path.abspath(args.file)
    frame = open_frame(uri, text)
    started = time.perf_counter()
    client.send_frame(frame)
    if args.pull:
        response = client.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
        diagnostics = response["result"]["items"]
    else:
        message = client.wait_diagnostics(uri, 1)
        diagnostics = message["params"]["diagnostics"]
    seconds = time.perf_counter() - started
    codes = sorted({d.get("code", "") for d in diagnostics})
    memory = client.memory_kib()
    client.close()
    print(
        f"{seconds:7.2f} s  {len(diagnostics):7d} diagnostics ({', '.join(codes[:6])})  "
        f"peak RSS {memory['VmHWM'] / 1024:7.1f} MB"
    )


if __name__ == "__main__":
    main()
