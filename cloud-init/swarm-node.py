#!/usr/bin/python3
"""The command of the node software: swarm-node.py [--config PATH] join|leave|helper|health|events.

The code is swarm_node.py beside this file, imported rather than run: Python keeps the compiled
bytecode of an imported module (__pycache__), while a script run directly is compiled at every
start, and the compiler's scratch memory stays with the process: ~3.7 MB more resident in each
long-running helper, health endpoint and events watcher (docs/node-software.md, "Memory")."""
import sys

from swarm_node import main

main(sys.argv[1:])
