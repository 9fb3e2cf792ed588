"""(landing)"""


def register(server) -> None:
    pass
