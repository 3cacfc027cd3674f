"""The simulated province (模拟省份): generated government sites with planted defects, served on loopback.

``build_province`` (province.py) makes the sites, pages and ground truth; ``SandboxServer``
(server.py) serves them as site host and as plain HTTP forward proxy.
"""

from govspider.sandbox.province import Province, build_province

__all__ = ["Province", "build_province", "SandboxServer"]


def __getattr__(name):
    if name == "SandboxServer":
        from govspider.sandbox.server import SandboxServer

        return SandboxServer
    raise AttributeError(name)
