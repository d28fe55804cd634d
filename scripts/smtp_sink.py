"""A local SMTP sink for benchmarks: accepts every message on 127.0.0.1:PORT, counts them, and
writes the count and the time of the first and last message to COUNT_FILE on each delivery.
Uses aiosmtpd (asyncio; scripts/bench-digests installs it into a venv); without it, the standard
library's smtpd (Python 3.11 and older), which queues at most 5 connections and, with many
concurrent senders, can leave connections unanswered.

    python3 scripts/smtp_sink.py PORT COUNT_FILE
"""
import sys
import time
import warnings

port = int(sys.argv[1])
count_file = sys.argv[2]
state = {"n": 0, "first": None, "last": None}


def record():
    now = time.time()
    state["n"] += 1
    state["first"] = state["first"] or now
    state["last"] = now
    with open(count_file, "w") as f:
        f.write(f"{state['n']} {state['first']} {state['last']}\n")


try:
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            record()
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    while True:
        time.sleep(3600)
except ImportError:
    warnings.simplefilter("ignore", DeprecationWarning)
    import asyncore
    import smtpd

    class Sink(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
            record()

    Sink(("127.0.0.1", port), None, decode_data=False)
    asyncore.loop()
