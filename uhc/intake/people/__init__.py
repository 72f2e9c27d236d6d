"""Lists of people (resident register, BPJS participant list, programme lists) read privately.

Every reader here returns rows whose NIK, KK and card numbers are keyed pseudonyms and whose names
and addresses are ciphertexts (uhc/store/keys.py); the clear values never leave the reader, and no
message it raises repeats one of them.
"""
