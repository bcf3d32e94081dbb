[CmdletBinding()]
Param(
    [Parameter(Position=0,Mandatory=$false,ValueFromRemainingArguments=$true)]
    [string[]]$BuildArguments
)
# Runs this repository's build (build/_build.csproj): ./build.ps1 Compile --arch arm64
Set-StrictMode -Version 2.0; $ErrorActionPreference = "Stop"; $ConfirmPreference = "None"

$ScriptDir = Split-Path $MyInvocation.MyCommand.Path -Parent
$BuildProjectFile = "$ScriptDir\build\_build.csproj"
$TempDirectory = "$ScriptDir\.nuke\temp"
$DotNetGlobalFile = "$ScriptDir\global.json"
$DotNetInstallUrl = "https://dot.net/v1/dotnet-install.ps1"

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1
$env:DOTNET_MULTILEVEL_LOOKUP = 0

# Use the dotnet on PATH when it has an SDK; otherwise install the SDK that global.json names into .nuke/temp.
if ($null -ne (Get-Command "dotnet" -ErrorAction SilentlyContinue) -and `
     $(dotnet --list-sdks | Measure-Object).Count -ne 0) {
    $env:DOTNET_EXE = (Get-Command "dotnet").Path
}
else {
    $DotNetDirectory = "$TempDirectory\dotnet-win"
    $env:DOTNET_EXE = "$DotNetDirectory\dotnet.exe"
    if (!(Test-Path $env:DOTNET_EXE)) {
        New-Item -ItemType Directory -Path $TempDirectory -Force | Out-Null
        $DotNetInstallFile = "$TempDirectory\dotnet-install.ps1"
        (New-Object System.Net.WebClient).DownloadFile($DotNetInstallUrl, $DotNetInstallFile)
        $DotNetVersion = $(Get-Content $DotNetGlobalFile | Out-String | ConvertFrom-Json).sdk.version
        & powershell $DotNetInstallFile -InstallDir $DotNetDirectory -Version $DotNetVersion -NoPath
    }
    $env:PATH = "$DotNetDirectory;$env:PATH"
}

$BuildLog = & $env:DOTNET_EXE build $BuildProjectFile -nologo -clp:NoSummary --verbosity quiet 2>&1
if ($LASTEXITCODE -ne 0) { Write-Output $BuildLog; exit $LASTEXITCODE }
# Run the built program directly: `dotnet run` would evaluate the project again.
& $env:DOTNET_EXE "$ScriptDir\build\bin\Debug\net10.0\_build.dll" $BuildArguments
exit $LASTEXITCODE
