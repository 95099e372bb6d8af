#!/bin/sh
# Installs the Debian packages the tests need (virtual X server, Secret Service, Qt's xcb
# libraries), but only those that are missing, so a prepared machine pays nothing.
set -eu
PKGS="xvfb xauth xdotool dbus dbus-x11 gnome-keyring libsecret-tools imagemagick
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libegl1 libgl1
libfontconfig1 libdbus-1-3 fonts-dejavu-core"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing system packages:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
