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

# Published ReadyToRun for this machine (precompiled, less time in the JIT per run); where that cannot be, without.
$HostDirectory = "$TempDirectory\build-host"
$RuntimeId = switch ($env:PROCESSOR_ARCHITECTURE) { "AMD64" { "win-x64" } "ARM64" { "win-arm64" } default { $null } }
$Publish = @("publish", $BuildProjectFile, "-nologo", "-clp:NoSummary", "--verbosity", "quiet", "-c", "Release", "-o", $HostDirectory)
$BuildLog = $null
if ($null -ne $RuntimeId) {
    $BuildLog = & $env:DOTNET_EXE @Publish -r $RuntimeId --self-contained false -p:PublishReadyToRun=true 2>&1
}
if ($null -eq $RuntimeId -or $LASTEXITCODE -ne 0) {
    $BuildLog = & $env:DOTNET_EXE @Publish 2>&1
    if ($LASTEXITCODE -ne 0) { Write-Output $BuildLog; exit $LASTEXITCODE }
}
# Run the published program directly: `dotnet run` would evaluate the project again.
& $env:DOTNET_EXE "$HostDirectory\_build.dll" $BuildArguments
exit $LASTEXITCODE
