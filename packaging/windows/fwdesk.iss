; Inno Setup script for the Windows installer. Run on Windows after `make package`'s
; PyInstaller step (build\dist\fwdesk) and packaging\make_icons.py (build\icons):
;   iscc /DAppVersion=0.1.0 packaging\windows\fwdesk.iss
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6E1B7C0A-4F3D-4B5E-9C2A-F0D1E5A7B8C9}
AppName=fwdesk
AppVersion={#AppVersion}
AppPublisher=fwdesk
DefaultDirName={autopf}\fwdesk
DefaultGroupName=fwdesk
DisableProgramGroupPage=yes
OutputDir=..\..\build
OutputBaseFilename=fwdesk-{#AppVersion}-setup
SetupIconFile=..\..\build\icons\fwdesk.ico
UninstallDisplayIcon={app}\fwdesk.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole onedir: fwdesk.exe and everything under _internal\ (Qt, Python, data).
Source: "..\..\build\dist\fwdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\fwdesk"; Filename: "{app}\fwdesk.exe"
Name: "{group}\Uninstall fwdesk"; Filename: "{uninstallexe}"
Name: "{autodesktop}\fwdesk"; Filename: "{app}\fwdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\fwdesk.exe"; Description: "{cm:LaunchProgram,fwdesk}"; Flags: nowait postinstall skipifsilent
