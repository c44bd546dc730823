"""moto server, single-threaded: threaded moto answers concurrent DynamoDB transactions wrongly.

Usage: python3 moto_single_threaded.py [port]   (port 0 picks a free one)
Prints "MOTO_PORT=<port>" once it listens, then serves until killed.
"""
import sys

from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server("127.0.0.1", port, app, threaded=False)
    print(f"MOTO_PORT={server.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
