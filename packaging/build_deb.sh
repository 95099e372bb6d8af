#!/bin/sh
# Builds build/fwdesk_VERSION_ARCH.deb from the PyInstaller folder in build/dist/fwdesk:
# the app under /opt/fwdesk, a launcher in /usr/bin, the desktop entry and the icons.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
VERSION=$($PYTHON -c 'import fwdesk; print(fwdesk.__version__)')
ARCH=$(dpkg --print-architecture)
GLIBC=$(ldd --version | head -n 1 | awk '{print $NF}')
STAGE=build/deb/fwdesk
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications"
cp -a build/dist/fwdesk "$STAGE/opt/fwdesk"
cat > "$STAGE/usr/bin/fwdesk" <<'LAUNCHER'
#!/bin/sh
exec /opt/fwdesk/fwdesk "$@"
LAUNCHER
chmod 755 "$STAGE/usr/bin/fwdesk"
cp resources/fwdesk.desktop "$STAGE/usr/share/applications/fwdesk.desktop"
for size in 16 24 32 48 64 128 256 512; do
    dir="$STAGE/usr/share/icons/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    cp "build/icons/fwdesk-$size.png" "$dir/fwdesk.png"
done
mkdir -p "$STAGE/usr/share/icons/hicolor/scalable/apps"
cp resources/icons/fwdesk.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/fwdesk.svg"
SIZE=$(du -sk "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: fwdesk
Version: $VERSION
Architecture: $ARCH
Maintainer: fwdesk <support@fwdesk.invalid>
Installed-Size: $SIZE
Section: graphics
Priority: optional
Depends: libc6 (>= $GLIBC), libxcb1, libgl1, libegl1, libfontconfig1, libfreetype6, libdbus-1-3, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-randr0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1
Recommends: gnome-keyring
Description: Place and follow FinerWorks print-on-demand orders
 fwdesk lets print shops browse the FinerWorks catalogue with prices, enter
 orders with a live shipping quote, and follow them to the customer's door.
CONTROL
dpkg-deb --build --root-owner-group -Zxz "$STAGE" "build/fwdesk_${VERSION}_${ARCH}.deb" >/dev/null
echo "build/fwdesk_${VERSION}_${ARCH}.deb"
