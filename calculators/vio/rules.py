"""Our rules for the VIO planner: limits where IBM's references are silent, and the slot convention.

Limits (the page says they are ours) bound the fields and the checks; the slot convention is the one
rule for every partition (the last digit matches on both sides):
  every partition  slots 0-1            virtual serial (the HMC's own; never planned here)
  VIOS             slots 2-9            its Ethernet: trunks, control channels, IP adapters
  VIOS             slots 10*C..10*C+9   block of the client with partition ID C:
                                        +0 vSCSI server, +1..+8 vFC server for client port 1..8
  client           slot 2               its Ethernet adapter
  client           slots 10*V..10*V+9   block of the V-th VIO server (V = 1 or 2):
                                        +0 vSCSI client, +1..+8 vFC client port 1..8
VIOS slot 134 is "client 13, port 4"; its partner is slot 14 (first VIOS) or 24 (second) on client 13.
Constants only: calculators/vio/__init__.py reads the limits for its fields, and the compiled modules
import them (jsgen writes each used one once).
"""
from __future__ import annotations

# Our rules where the reference is silent (the page says they are ours).
MAX_PARTITION_ID = 254
MAX_NAME_LENGTH = 31
MAX_MEMORY_MIB = 16777216
MAX_VLAN = 4094
MAX_CLIENTS = 100
MAX_CLIENTS_FIELD = 100
MAX_FC_PORTS = 8

# The slot convention (see the module docstring).
BLOCK_SIZE = 10
VIOS_ETHERNET_FIRST_SLOT = 2
VIOS_ETHERNET_LAST_SLOT = 9
CLIENT_ETHERNET_SLOT = 2
# max_virtual_slots = end of the last slot block used + headroom. It only changes through a profile
# change and a reactivation, an outage window on a VIO server: leave room for ten more clients there.
VIOS_HEADROOM_BLOCKS = 10
CLIENT_HEADROOM_BLOCKS = 1
