"""moto server, single-threaded: threaded moto answers concurrent DynamoDB transactions wrongly.

Usage: python3 moto_single_threaded.py [port]   (port 0 picks a free one)
Prints "MOTO_PORT=<port>" once it listens, then serves until killed.
"""
import copy
import functools
import os
import stat
import sys
import threading

import jsonpath_ng.ext

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models import table as dynamodb_table
import moto.dynamodb.models as dynamodb_models
from moto.server import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server


class _NoTableCopy:
    """The module's `copy`, except that deep-copying a whole Table returns it unchanged."""

    def __getattr__(self, name):
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value, memo=None):
        return value if isinstance(value, dynamodb_table.Table) else copy.deepcopy(value, memo)


_transact_write_items = DynamoDBBackend.transact_write_items


def _transact_write_items_backing_up_touched_items(self, transact_items):
    """moto backs a transaction up by deep-copying the whole table once per item, so each write costs
    time in proportion to the table (a 1,000-row import takes minutes). This backs up only the items
    the transaction touches and puts them back when it is cancelled: same outcome, constant cost."""
    backups = []
    for entry in transact_items:
        try:
            _, op = next(iter(entry.items()))
            table = self.get_table(op["TableName"])
            if "Item" in op:
                key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = op["Item"][table.range_key_attr]
            else:
                key = op["Key"]
            current = self.get_item(op["TableName"], key)
            backups.append((op["TableName"], key, copy.deepcopy(current.to_json()["Attributes"]) if current else None))
        except Exception:  # noqa: BLE001 - malformed operations are reported by moto itself below
            pass
    dynamodb_models.copy = _NoTableCopy()
    try:
        return _transact_write_items(self, transact_items)
    except Exception:
        for table_name, key, attributes in reversed(backups):
            if attributes is None:
                self.get_table(table_name).delete_item(
                    _key_value(key, self.get_table(table_name).hash_key_attr),
                    _key_value(key, self.get_table(table_name).range_key_attr))
            else:
                self.get_table(table_name).put_item(attributes)
        raise
    finally:
        dynamodb_models.copy = copy


def _key_value(key, attribute):
    from moto.dynamodb.models.dynamo_type import DynamoType

    return DynamoType(key[attribute]) if attribute is not None and attribute in key else None


DynamoDBBackend.transact_write_items = _transact_write_items_backing_up_touched_items

# moto's EventBridge builds a JSONPath parser (a yacc table) for every path of every delivered event,
# about 0.2 s each: a PutEvents of 10 outlasts the SDK's timeout. Parsed paths are immutable: reuse them.
jsonpath_ng.ext.parse = functools.lru_cache(maxsize=512)(jsonpath_ng.ext.parse)


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
