"""DynamoDB Local (Amazon's jar) installed into a cache folder and run as a child process.

install.py fetches it, children.py starts processes that die with ours, servers.py runs
DynamoDB Local (or moto's server when there is no Java), __main__.py is the command line.
"""

from remo_async.embedded.install import EmbeddedError, default_home, ensure_installed
from remo_async.embedded.servers import (
    DynamoDBLocal,
    MotoServer,
    free_port,
    java_command,
    moto_installed,
    port_is_free,
)

__all__ = [
    "DynamoDBLocal",
    "EmbeddedError",
    "MotoServer",
    "default_home",
    "ensure_installed",
    "free_port",
    "java_command",
    "moto_installed",
    "port_is_free",
]
