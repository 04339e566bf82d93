"""Linux snippets: the Ubuntu 16 IP alias that let a replacement server answer on the old address."""
from __future__ import annotations

from calculators.snippets.kinds import ALIAS_NUMBER, IPV4_ADDRESS, IPV4_NETMASK, LINUX_INTERFACE
from calculators.snippets.model import Caveat, Snippet, Variable

UBUNTU_IP_ALIAS = Snippet(
    name="ubuntu-ip-alias",
    summary="an /etc/network/interfaces stanza that adds the old server's address as an alias",
    language="text",
    checker="interfaces",
    variables=(
        Variable("interface", LINUX_INTERFACE, "eth0", "Interface"),
        Variable("alias_number", ALIAS_NUMBER, "0", "Alias number"),
        Variable("address", IPV4_ADDRESS, "192.0.2.10", "Old server's IP address"),
        Variable("netmask", IPV4_NETMASK, "255.255.255.0", "Netmask"),
    ),
    filename="/etc/network/interfaces",
    sources="notes (an alias in /etc/network/interfaces, Ubuntu 16 LTS); the stanza is ifupdown's alias syntax, not from the reference",
    template="""\
auto @@interface@@:@@alias_number@@
iface @@interface@@:@@alias_number@@ inet static
    address @@address@@
    netmask @@netmask@@
""",
    caveats=(
        Caveat(
            "reconstructed",
            "The notes only say that the old server's address was added as an alias in "
            "/etc/network/interfaces on Ubuntu 16 LTS; the stanza itself was not kept. The four lines "
            "above are Debian ifupdown's standard alias syntax (auto eth0:0, iface eth0:0 inet static, "
            "address, netmask), from man interfaces, not from IBM's pages. Check them "
            "against man interfaces on your system before use.",
            title="Reconstructed — Debian ifupdown syntax",
        ),
    ),
)

SNIPPETS = (UBUNTU_IP_ALIAS,)
