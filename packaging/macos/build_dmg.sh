#!/bin/sh
# Builds dist/fwdesk.app (PyInstaller, windowed) and build/fwdesk-VERSION.dmg with an
# Applications link, on macOS. Signing and notarisation run when their variables are set:
#   CODESIGN_IDENTITY="Developer ID Application: ..."   signs the app and the dmg
#   NOTARY_PROFILE=<keychain profile of notarytool>     notarises and staples the dmg
set -eu
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-.venv/bin/python}
VERSION=$($PYTHON -c 'import fwdesk; print(fwdesk.__version__)')
$PYTHON packaging/make_icons.py build/icons
$PYTHON -m PyInstaller --noconfirm --windowed --name fwdesk \
    --icon build/icons/fwdesk.icns \
    --osx-bundle-identifier com.fwdesk.app \
    --add-data "fwdesk/sandbox/data:fwdesk/sandbox/data" \
    --add-data "resources:resources" \
    --copy-metadata fwdesk --copy-metadata keyring \
    --collect-submodules keyring.backends \
    --distpath build/dist --workpath build/work \
    packaging/launch.py
APP=build/dist/fwdesk.app
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --deep --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
fi
STAGE=build/dmg
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
DMG=build/fwdesk-$VERSION.dmg
rm -f "$DMG"
hdiutil create -volname fwdesk -srcfolder "$STAGE" -ov -format UDZO "$DMG"
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
fi
if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
fi
echo "$DMG"
