"""moto server, single-threaded: threaded moto answers concurrent DynamoDB transactions wrongly.

Usage: python3 moto_single_threaded.py [port]   (port 0 picks a free one)
Prints "MOTO_PORT=<port>" once it listens, then serves until killed.
"""
import os
import stat
import sys
import threading

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server


def exit_with_parent():
    """Launched by MotoServer, stdin is a pipe from the JVM: its end of file means the JVM is gone
    (even killed with SIGKILL), so moto goes too instead of living on as an orphan."""
    if not stat.S_ISFIFO(os.fstat(0).st_mode):
        return

    def watch():
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def main():
    exit_with_parent()
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server("127.0.0.1", port, app, threaded=False)
    print(f"MOTO_PORT={server.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
