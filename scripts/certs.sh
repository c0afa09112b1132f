#!/bin/sh
# Makes the certificates a RunTasks cluster needs, with openssl (POSIX sh: runs in a bare alpine container too).
#
#   scripts/certs.sh DIR
#
#   DIR/ca.crt                    the cluster CA: silos and the Api admit only peers it issued   Orleans:Tls:CaPath
#   DIR/node.crt, DIR/node.key    mutual TLS certificate of every silo and the Api               Orleans:Tls:CertificatePath, Orleans:Tls:KeyPath
#   DIR/keyring.crt, keyring.key  RSA certificate that encrypts the Data Protection key ring     DataProtection:CertificatePath, DataProtection:KeyPath
#   $CA_KEY_DIR/ca.key            the CA's key (default DIR): only needed to issue more node certificates; keep it off the servers
#
# Files that exist are kept, so re-running is harmless; delete node.* to issue a new node certificate, keyring.* only
# together with the key ring it encrypts (docs/operations.md, Security). CERTS_OWNER=uid:gid hands the files to the
# user the services run as (1654:1654 in the .NET images). Private keys are mode 600.
set -eu

[ $# -eq 1 ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
DIR=$1
CA_KEY_DIR=${CA_KEY_DIR:-$DIR}
DAYS_CA=${CERTS_CA_DAYS:-3650}
DAYS_NODE=${CERTS_NODE_DAYS:-397}
command -v openssl >/dev/null 2>&1 || { echo "certs.sh: openssl not found" >&2; exit 1; }
mkdir -p "$DIR" "$CA_KEY_DIR"
umask 077
log() { printf 'certs.sh: %s\n' "$*" >&2; }

if [ ! -f "$DIR/ca.crt" ]; then
    log "creating the cluster CA ($DIR/ca.crt)"
    openssl req -x509 -new -newkey rsa:3072 -nodes -sha256 -days "$DAYS_CA" -subj "/CN=RunTasks cluster CA" \
        -keyout "$CA_KEY_DIR/ca.key" -out "$DIR/ca.crt" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi

if [ ! -f "$DIR/node.crt" ]; then
    [ -f "$CA_KEY_DIR/ca.key" ] || { log "error: $CA_KEY_DIR/ca.key is needed to issue node.crt"; exit 1; }
    log "issuing the node certificate ($DIR/node.crt)"
    ext=$(mktemp)
    trap 'rm -f "$ext" "$DIR/node.csr"' EXIT
    # Server and client authentication: a silo accepts connections and opens them to other silos.
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=DNS:runtasks-node,DNS:localhost,IP:127.0.0.1" >"$ext"
    openssl req -new -newkey rsa:3072 -nodes -sha256 -subj "/CN=runtasks-node" -keyout "$DIR/node.key" -out "$DIR/node.csr" 2>/dev/null
    openssl x509 -req -in "$DIR/node.csr" -CA "$DIR/ca.crt" -CAkey "$CA_KEY_DIR/ca.key" -CAcreateserial -CAserial "$CA_KEY_DIR/ca.srl" \
        -days "$DAYS_NODE" -sha256 -extfile "$ext" -out "$DIR/node.crt" 2>/dev/null
fi

if [ ! -f "$DIR/keyring.crt" ]; then
    log "creating the key ring certificate ($DIR/keyring.crt)"
    # Long-lived on purpose: keys it encrypted stay readable only with it (rotation: DataProtection:PreviousCertificatePaths).
    openssl req -x509 -new -newkey rsa:3072 -nodes -sha256 -days "$DAYS_CA" -subj "/CN=RunTasks key ring" \
        -keyout "$DIR/keyring.key" -out "$DIR/keyring.crt" -addext "keyUsage=critical,keyEncipherment,dataEncipherment" 2>/dev/null
fi

chmod 644 "$DIR/ca.crt" "$DIR/node.crt" "$DIR/keyring.crt"
chmod 600 "$DIR/node.key" "$DIR/keyring.key"
if [ -n "${CERTS_OWNER:-}" ]; then
    chown "$CERTS_OWNER" "$DIR/ca.crt" "$DIR/node.crt" "$DIR/node.key" "$DIR/keyring.crt" "$DIR/keyring.key"
fi
log "certificates in $DIR"
