"""Spectrum Protect snippets: systemd units, certificate trust, session security, LDAPURL.

Every command line is from the field notes or the team's checked command facts (IBM Documentation
pages named in the caveats); the caveats say which parts were reconstructed and what is unconfirmed.
"""
from __future__ import annotations

from calculators.snippets.kinds import INSTANCE_OWNER, LDAP_URL, POSIX_PATH, SP_NAME, WINDOWS_PATH
from calculators.snippets.model import Caveat, Snippet, Variable

DB2_DIR = Variable("db2_dir", POSIX_PATH, "/opt/tivoli/tsm/db2", "Db2 directory")
OWNER = Variable("owner", INSTANCE_OWNER, "tsminst1", "Instance owner")
SERVER_BIN_DIR = Variable("server_bin_dir", POSIX_PATH, "/opt/tivoli/tsm/server/bin", "Server bin directory")
INIT_DIR = Variable("init_dir", POSIX_PATH, "/etc/init.d", "Directory for the init scripts")
CLIENT_DIR = Variable("client_dir", POSIX_PATH, "/opt/tivoli/tsm/client/ba/bin", "Backup-archive client directory")
INSTANCE_DIR = Variable("instance_dir", POSIX_PATH, "/home/tsminst1", "Instance directory")
SERVER_NAME = Variable("server_name", SP_NAME, "TSM", "Server name")
NODE_NAME = Variable("node_name", SP_NAME, "CLIENT1", "Node name")
CERT_FILE = Variable("cert_file", POSIX_PATH, "/tmp/cert256.arm", "Copy of the server's cert256.arm")
WINDOWS_CLIENT_DIR = Variable(
    "windows_client_dir", WINDOWS_PATH, "C:\\Program Files\\Tivoli\\TSM\\baclient", "Backup-archive client folder"
)
WINDOWS_CERT_FILE = Variable("windows_cert_file", WINDOWS_PATH, "C:\\Temp\\cert256.arm", "Copy of the server's cert256.arm")
LDAP = Variable("ldap_url", LDAP_URL, "ldap://server1.storage.us.ibm.com:389/ou=tsm,dc=storage,dc=us,dc=ibm,dc=com", "LDAP URL")

DB2FMCD_UNIT = Snippet(
    name="sp-db2fmcd-unit",
    summary="db2fmcd.service (the Db2 fault monitor) and its systemctl lines",
    language="bash",
    checker="shell",
    variables=(DB2_DIR,),
    sources="notes (file name, systemctl lines); reference section 6 (unit body)",
    template="""\
# Or let Db2 write the same file: db2fmcu -u -p @@db2_dir@@/bin/db2fmcd
cat <<'EOF' >/etc/systemd/system/db2fmcd.service
[Unit]
Description=DB2V115
[Service]
ExecStart=@@db2_dir@@/bin/db2fmcd
Restart=always
KillMode=process
KillSignal=SIGHUP
[Install]
WantedBy=default.target
EOF
systemctl enable db2fmcd.service
systemctl start db2fmcd.service
""",
    caveats=(
        Caveat(
            "reconstructed",
            "The notes kept only the file name and the systemctl lines. The unit body is the one "
            "db2fmcu -u -p writes (IBM technote 'How to automatically restart DB2 instances via the DB2 fault "
            "monitor'); Description=DB2V115 is version-specific free text.",
        ),
    ),
)

INSTANCE_UNIT = Snippet(
    name="sp-instance-unit",
    summary="the server instance unit wrapping the instance's copy of dsmserv.rc",
    language="bash",
    checker="shell",
    variables=(OWNER, SERVER_BIN_DIR, INIT_DIR),
    sources="notes (cp -p, Exec lines including ExecReload, systemctl lines); reference section 6 (IBM's steps, suggested unit)",
    template="""\
cp -p @@server_bin_dir@@/dsmserv.rc @@init_dir@@/@@owner@@
# Then edit @@init_dir@@/@@owner@@ as IBM's steps say:
#   set instance_dir= if the instance directory is not ~/@@owner@@ of user @@owner@@;
#   change the header line to: # pidfile: /var/run/dsmserv_@@owner@@_su.pid
cat <<'EOF' >/etc/systemd/system/@@owner@@.service
[Unit]
Description=IBM Storage Protect server @@owner@@
Wants=network-online.target
After=network-online.target db2fmcd.service
[Service]
Type=forking
ExecStart=@@init_dir@@/@@owner@@ start
ExecReload=@@init_dir@@/@@owner@@ reload
ExecStop=@@init_dir@@/@@owner@@ stop
PIDFile=/var/run/dsmserv_@@owner@@_su.pid
TimeoutStartSec=600
[Install]
WantedBy=multi-user.target
EOF
systemctl enable @@owner@@.service
systemctl start @@owner@@.service
""",
    caveats=(
        Caveat(
            "reconstructed",
            "The notes kept the cp -p line, the three Exec lines and the systemctl lines; the rest is "
            "a unit built on IBM's dsmserv.rc steps (\"Server startup script: dsmserv.rc\") and man systemd.service.",
        ),
        Caveat(
            "unconfirmed",
            "The ExecReload= line is the notes' own; the unit we started from has none, and IBM's pages do "
            "not confirm that dsmserv.rc (the instance script) implements reload. Check the script; if "
            "it has no reload, remove the ExecReload= line.",
        ),
        Caveat(
            "unconfirmed",
            "PIDFile= is not verified: IBM's pages do not confirm that dsmserv.rc writes that "
            "pidfile. If it does not, remove PIDFile= and add RemainAfterExit=yes and GuessMainPID=no.",
        ),
        Caveat(
            "unconfirmed",
            "Where the copy of dsmserv.rc goes, IBM's documents disagree: /etc/rc.d/init.d (8.1.8) or "
            "/opt/tivoli/tsm/server/bin with chmod +x (8.2.2). Set the init script directory to match.",
        ),
    ),
)

DSMCAD_UNIT = Snippet(
    name="sp-dsmcad-unit",
    summary="dsmcad.service wrapping rc.dsmcad, and its systemctl lines",
    language="bash",
    checker="shell",
    variables=(CLIENT_DIR, INIT_DIR),
    sources="notes (ln -s, Exec lines including ExecReload, systemctl lines); reference section 6 (rc-based variant, community unit keys)",
    template="""\
ln -s @@client_dir@@/rc.dsmcad @@init_dir@@/dsmcad
cat <<'EOF' >/etc/systemd/system/dsmcad.service
[Unit]
Description=IBM Storage Protect client acceptor dsmcad
After=network.target
[Service]
Type=forking
ExecStart=@@init_dir@@/dsmcad start
ExecReload=@@init_dir@@/dsmcad reload
ExecStop=@@init_dir@@/dsmcad stop
GuessMainPID=no
[Install]
WantedBy=multi-user.target
EOF
systemctl enable dsmcad.service
systemctl start dsmcad.service
""",
    caveats=(
        Caveat(
            "reconstructed",
            "The notes kept the ln -s line, the three Exec lines and the systemctl lines. Type=forking, "
            "GuessMainPID=no, After=network.target and WantedBy=multi-user.target come from a community "
            "dsmcad unit; the Description is free text.",
        ),
        Caveat(
            "unconfirmed",
            "The ExecReload= line is the notes' own; no source we checked gives one for dsmcad or "
            "confirms that rc.dsmcad implements reload. Check the script; if it has no reload, remove "
            "the ExecReload= line.",
        ),
    ),
)

SERVER_SELF_TRUST = Snippet(
    name="sp-server-self-trust",
    summary="make the server trust its own certificate again",
    language="bash",
    checker="shell",
    variables=(SERVER_NAME, INSTANCE_DIR),
    sources="notes (dsmcert -add line); reference section 5 (dsmcert -list, cert256.arm in the instance directory)",
    template="""\
dsmcert -add -server @@server_name@@ -file @@instance_dir@@/cert256.arm
dsmcert -list
""",
)

CLIENT_STORE_RESET = Snippet(
    name="sp-client-cert-reset",
    summary="delete a Linux or AIX client's certificate store (the store files only)",
    language="bash",
    checker="shell",
    variables=(CLIENT_DIR,),
    sources="notes (remove the store; dsmcert.* clobbered the program); reference section 5 (store file names)",
    template="""\
# Check first: what the store holds (dsmcert -list) and which files are there.
@@client_dir@@/dsmcert -list
ls -l @@client_dir@@/dsmcert.*
# DESTRUCTIVE: deletes the certificate store; no undo (dsmcert -add makes a new one, step 7).
# Delete the store files by name: the notes' dsmcert.* also clobbered the dsmcert program.
rm -f @@client_dir@@/dsmcert.kdb
rm -f @@client_dir@@/dsmcert.sth
rm -f @@client_dir@@/dsmcert.idx
rm -f @@client_dir@@/dsmcert.rdb
rm -f @@client_dir@@/dsmcert.crl
""",
)

CLIENT_STORE_RESET_WINDOWS = Snippet(
    name="sp-client-cert-reset-windows",
    summary="delete a Windows client's certificate store (the store files only)",
    language="bat",
    checker="windows-cmd",
    variables=(WINDOWS_CLIENT_DIR,),
    sources="notes (Windows client folder; dsmcert.* clobbered dsmcert.exe); reference section 5 (store file names)",
    template="""\
rem Check first: which store files are there.
dir "@@windows_client_dir@@\\dsmcert.*"
rem DESTRUCTIVE: deletes the certificate store; no undo (dsmcert -add makes a new one, step 7).
rem Delete the store files by name: dsmcert.* also matches dsmcert.exe.
del "@@windows_client_dir@@\\dsmcert.kdb"
del "@@windows_client_dir@@\\dsmcert.sth"
del "@@windows_client_dir@@\\dsmcert.idx"
del "@@windows_client_dir@@\\dsmcert.rdb"
del "@@windows_client_dir@@\\dsmcert.crl"
""",
    caveats=(
        Caveat(
            "reconstructed",
            "The del and dir lines are ordinary cmd syntax, not from IBM's pages. The folder is the notes' "
            "Windows client folder; the five file names are the store files IBM Documentation names "
            "(\"Configuring without automatic certificate distribution\") plus the two that cleanup "
            "scripts also remove.",
            title="Reconstructed — ordinary cmd syntax",
        ),
    ),
)

ALLOW_KEY_EXCHANGE = Snippet(
    name="sp-allow-key-exchange",
    summary="server: allow a node to exchange keys again (administrative command)",
    language="text",
    checker="tsm-admin",
    variables=(NODE_NAME,),
    sources="reference section 5 (UPDATE NODE … SESSIONSECURITY=TRANSITIONAL)",
    template="""\
UPDATE NODE @@node_name@@ SESSIONSECURITY=TRANSITIONAL
""",
    caveats=(
        Caveat(
            "reconstructed",
            "The notes lost this command. TRANSITIONAL is the less strict SESSIONSECURITY value "
            "(IBM Documentation, UPDATE NODE); UPDATE ADMIN and UPDATE SERVER take the same parameter. Which of "
            "them the author ran is not known.",
        ),
    ),
)

CLIENT_TRUST = Snippet(
    name="sp-client-cert-trust",
    summary="Linux or AIX client: import the server's certificate and list the store",
    language="bash",
    checker="shell",
    variables=(CLIENT_DIR, SERVER_NAME, CERT_FILE),
    sources="reference section 5 (dsmcert -add, dsmcert -list, binary locations)",
    template="""\
@@client_dir@@/dsmcert -add -server @@server_name@@ -file @@cert_file@@
@@client_dir@@/dsmcert -list
""",
    caveats=(
        Caveat(
            "reconstructed",
            "The notes' 'swap keys on client' command was lost; this is dsmcert -add as IBM Documentation "
            "gives it (\"Configuring without automatic certificate distribution\"). Copy cert256.arm from the server's instance directory first.",
        ),
    ),
)

CLIENT_TRUST_WINDOWS = Snippet(
    name="sp-client-cert-trust-windows",
    summary="Windows client: import the server's certificate and list the store",
    language="bat",
    checker="windows-cmd",
    variables=(WINDOWS_CLIENT_DIR, SERVER_NAME, WINDOWS_CERT_FILE),
    sources="reference section 5 (dsmcert options); notes (dsmcert.exe, Windows client folder)",
    template="""\
"@@windows_client_dir@@\\dsmcert.exe" -add -server @@server_name@@ -file "@@windows_cert_file@@"
"@@windows_client_dir@@\\dsmcert.exe" -list
""",
    caveats=(
        Caveat(
            "unconfirmed",
            "IBM Documentation gives dsmcert's options for the Linux and AIX program; dsmcert.exe taking "
            "the same options is assumed.",
        ),
    ),
)

LDAPURL_OFF = Snippet(
    name="sp-ldapurl-off",
    summary="dsmserv.opt while LDAP is unreachable: keep a copy, then remove the LDAPURL line(s)",
    language="bash",
    checker="shell",
    variables=(INSTANCE_DIR,),
    sources="notes (remove LDAPURL from dsmserv.opt); the copy and removal lines are ordinary shell",
    template="""\
# Keep a copy with the LDAPURL line(s) to put back later; a second run keeps the first copy.
test -e @@instance_dir@@/dsmserv.opt.ldapurl || cp -p @@instance_dir@@/dsmserv.opt @@instance_dir@@/dsmserv.opt.ldapurl
# Write dsmserv.opt again from the copy without its LDAPURL line(s), as the notes say; then start the server.
test -s @@instance_dir@@/dsmserv.opt.ldapurl && grep -v -i '^[[:space:]]*LDAPURL[[:space:]]' @@instance_dir@@/dsmserv.opt.ldapurl > @@instance_dir@@/dsmserv.opt
""",  # noqa: E501 - one verbatim command line the reader copies; a wrap would change the command
    caveats=(
        Caveat(
            "reconstructed",
            "The notes only say: remove LDAPURL from dsmserv.opt. The test, cp -p and grep -v lines are "
            "ordinary shell, not from IBM's pages: they keep the file as dsmserv.opt.ldapurl and write "
            "dsmserv.opt again without the LDAPURL line(s). In an editor it is the same: copy the file, "
            "then delete every line that starts with LDAPURL.",
            title="Reconstructed — ordinary shell",
        ),
        Caveat(
            "unconfirmed",
            "Commenting the line out instead of deleting it is an alternative only: IBM's LDAPURL page does "
            "not state dsmserv.opt's comment character (a leading * is assumed). Deleting the line, as "
            "the notes say, needs none.",
        ),
    ),
)

LDAPURL_ON = Snippet(
    name="sp-ldapurl-on",
    summary="dsmserv.opt once LDAP is back: move the copy with the LDAPURL line(s) back",
    language="bash",
    checker="shell",
    variables=(INSTANCE_DIR, LDAP),
    sources="reference section 5 (LDAPURL line; not settable with SETOPT); the mv and grep lines are ordinary shell",
    template="""\
# Move back the copy kept by the workaround, then restart the server (SETOPT cannot set LDAPURL).
mv @@instance_dir@@/dsmserv.opt.ldapurl @@instance_dir@@/dsmserv.opt
grep -i '^[[:space:]]*LDAPURL' @@instance_dir@@/dsmserv.opt
# Each line it shows has this form (without a copy, add it by hand):
# LDAPURL @@ldap_url@@
""",
    caveats=(
        Caveat(
            "reconstructed",
            "The mv and grep lines are ordinary shell, not from IBM's pages; the LDAPURL line's form is "
            "IBM Documentation's (the LDAPURL server option). Moving the copy back also undoes any other change made to "
            "dsmserv.opt since the workaround: if there was one, add the LDAPURL line by hand instead.",
            title="Reconstructed — ordinary shell",
        ),
    ),
)

SNIPPETS = (
    DB2FMCD_UNIT,
    INSTANCE_UNIT,
    DSMCAD_UNIT,
    SERVER_SELF_TRUST,
    CLIENT_STORE_RESET,
    CLIENT_STORE_RESET_WINDOWS,
    ALLOW_KEY_EXCHANGE,
    CLIENT_TRUST,
    CLIENT_TRUST_WINDOWS,
    LDAPURL_OFF,
    LDAPURL_ON,
)
