"""Writes scripts/bench's big config: 9,997 role profiles (team-00000 ...) to sys.argv[1]."""
import sys
with open(sys.argv[1], "w") as f:
    for i in range(9997):
        f.write(f"[profile team-{i:05}]\nrole_arn = arn:aws:iam::{100000000000 + i:012}:role/team-{i:05}\n"
                f"source_profile = identity\nregion = eu-west-1\n\n")
