"""Counts the distinct AccessKeyId values in concatenated credential_process JSON documents on
stdin (scripts/bench's parallel rounds: one STS call means one key)."""
import json
import sys

dec, s, keys = json.JSONDecoder(), sys.stdin.read(), set()
i = 0
while i < len(s):
    if s[i].isspace():
        i += 1
        continue
    obj, i = dec.raw_decode(s, i)
    keys.add(obj["AccessKeyId"])
print(len(keys))
