#!/bin/sh
# Runs a command with a throwaway, unlocked gnome-keyring serving the Secret Service on the
# current D-Bus session, as a logged-in desktop would. Its files live in a temporary folder,
# so runs never meet an old keyring with another password.
set -eu
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
printf fwdesk-test | XDG_DATA_HOME="$keyring_home" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
set +e
"$@"
code=$?
exit $code
