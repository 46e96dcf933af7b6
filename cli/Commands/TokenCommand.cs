using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Agora.Signaling.Cli.Connection;
using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli.Commands;

/// <summary><c>token build|inspect</c>: make and read Signaling tokens on this machine, without any request.</summary>
internal static class TokenCommand
{
    private const uint DefaultExpireSeconds = 3600;

    public static Command Create(CliContext context) =>
        new("token", "Build or inspect Signaling tokens on this machine; no request is made, and connection settings are ignored.")
        {
            CreateBuild(context),
            CreateInspect(context),
        };

    private static Command CreateBuild(CliContext context)
    {
        var user = new Option<string>("--user") { Description = "The Signaling user the token is for.", HelpName = "user", Required = true };
        var expire = new Option<long>("--expire")
        {
            Description = "How long the login privilege lasts, in seconds.",
            HelpName = "seconds",
            DefaultValueFactory = _ => DefaultExpireSeconds,
        };
        var legacy = new Option<bool>("--legacy")
        {
            Description = $"Build a legacy AccessToken (006) instead of an AccessToken2 (007); its privilege ends at the issue time plus --expire, " +
                $"the token itself {SignalingTokenBuilder.LegacyTokenLifetime.TotalHours:0} hours after the issue time. Send it with --legacy-token and --uid.",
        };
        var issuedAt = new Option<long?>("--issued-at") { Description = "The issue time, in Unix seconds; now unless given.", HelpName = "unix-seconds" };
        var salt = new Option<long?>("--salt")
        {
            Description = "The salt mixed into the signature (0 to 4294967295); random unless given. With --issued-at the token is reproducible.",
            HelpName = "n",
        };

        var permission = new Option<string[]>(PermissionOption.Name)
        {
            Description = $"Grant a resource permission, making an RTM2 token: {PermissionOption.Syntax}, where RESOURCE is " +
                $"{string.Join(", ", TokenFormat.ResourceWords)} and PERMISSION is {string.Join(" or ", TokenFormat.PermissionWords)}. " +
                "Names may be patterns such as channelA*. Repeatable.",
            HelpName = "grant",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command(
            "build",
            "Build a token for a user from --app-id and --app-certificate (or their environment variables), and print it on stdout. " +
            "The certificate is never printed; prefer its environment variable, which stays out of the shell history.")
        {
            user, expire, legacy, issuedAt, salt, permission,
        };
        command.SetAction((parse, ct) => Task.FromResult(CommandRunner.RunOffline(
            context,
            parse,
            output =>
            {
                var globals = context.Globals;
                Setting appId = Setting.Read(parse, globals.AppId, context.Environment, EnvironmentVariables.AppId)
                    ?? throw new UsageException($"token build needs --app-id (or the {EnvironmentVariables.AppId} environment variable).");
                Setting certificate = Setting.Read(parse, globals.AppCertificate, context.Environment, EnvironmentVariables.AppCertificate)
                    ?? throw new UsageException($"token build needs --app-certificate (or the {EnvironmentVariables.AppCertificate} environment variable).");
                string userId = parse.GetValue(user)!;
                string[] grants = parse.GetValue(permission) ?? [];
                bool isLegacy = parse.GetValue(legacy);
                if (isLegacy && grants.Length > 0)
                {
                    throw new UsageException($"{PermissionOption.Name} needs an AccessToken2: a legacy AccessToken (006) cannot carry permissions.");
                }

                SignalingPermissionSet? permissions = grants.Length > 0 ? PermissionOption.Parse(grants) : null;
                uint lifetime = UInt32(parse.GetValue(expire), expire.Name, "a number of seconds");
                var issued = DateTimeOffset.FromUnixTimeSeconds(parse.GetValue(issuedAt) is long seconds
                    ? UInt32(seconds, issuedAt.Name, "a Unix time in seconds")
                    : TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());

                // The SDK's random salts are drawn from this range too.
                uint saltValue = parse.GetValue(salt) is long given ? UInt32(given, salt.Name, "a salt") : (uint)RandomNumberGenerator.GetInt32(1, 100_000_000);

                string token;
                try
                {
                    token = (isLegacy, permissions) switch
                    {
                        (true, _) => SignalingTokenBuilder.BuildLegacyAccessToken(appId.Value, certificate.Value, userId, TimeSpan.FromSeconds(lifetime), issued, saltValue),
                        (false, null) => SignalingTokenBuilder.BuildAccessToken2(appId.Value, certificate.Value, userId, TimeSpan.FromSeconds(lifetime), issued, saltValue),
                        (false, _) => SignalingTokenBuilder.BuildAccessToken2(appId.Value, certificate.Value, userId, permissions, TimeSpan.FromSeconds(lifetime), issued, saltValue),
                    };
                }
                catch (ArgumentException exception) when (exception.ParamName is "appId" or "appCertificate")
                {
                    // Named as the user gave it, option or variable; the SDK's message never repeats the certificate.
                    var source = exception.ParamName == "appId" ? appId : certificate;
                    throw new UsageException($"Invalid {source.Source}: {ErrorReporter.PlainMessage(exception)}");
                }
                catch (ArgumentException exception) when (exception.ParamName == "permissions")
                {
                    throw new UsageException($"Invalid {PermissionOption.Name}: {ErrorReporter.PlainMessage(exception)}");
                }

                var parsed = SignalingToken.Parse(token);
                output.Result(
                    new TokenBuildOutput(token, TokenFormat.Version(parsed.Version), parsed.AppId, userId, issued, lifetime, parsed.ExpiresAt, saltValue, TokenPermissionOutput.From(parsed.Permissions)),
                    w => w.WriteLine(token));
            },
            ct)));
        return command;
    }

    private static Command CreateInspect(CliContext context)
    {
        var tokenArgument = new Argument<string>("token") { Description = "The token to read, starting 007 or 006. It is not printed back." };
        context.SecretArguments.Add(tokenArgument);

        var command = new Command(
            "inspect",
            "Show what a token holds: version, app ID, issue and expiry times, salt, user and services. " +
            $"With --app-certificate (and, for a 006 token, --uid), also whether its signature verifies; exit code {ExitCodes.TokenInvalid} when it does not, so a script can check it.")
        {
            tokenArgument,
        };
        command.SetAction((parse, ct) =>
        {
            bool forged = false;
            int code = CommandRunner.RunOffline(
            context,
            parse,
            output =>
            {
                var token = SignalingToken.Parse(parse.GetValue(tokenArgument)!);
                Setting? certificate = Setting.Read(parse, context.Globals.AppCertificate, context.Environment, EnvironmentVariables.AppCertificate);
                Setting? uid = Setting.Read(parse, context.Globals.Uid, context.Environment, EnvironmentVariables.Uid);

                bool? valid = null;
                string verdict;
                if (certificate is null)
                {
                    verdict = "not checked; give --app-certificate to verify it";
                }
                else if (token.Version == SignalingTokenVersion.AccessToken && uid is null)
                {
                    verdict = "not checked: a 006 token is signed for its user, so verifying it needs --uid as well as --app-certificate";
                    if (output.IsJson)
                    {
                        output.Note("note: signature " + verdict + ".");
                    }
                }
                else
                {
                    try
                    {
                        valid = token.VerifySignature(certificate.Value, uid?.Value);
                    }
                    catch (ArgumentException exception) when (exception.ParamName == "appCertificate")
                    {
                        throw new UsageException($"Invalid {certificate.Source}: {ErrorReporter.PlainMessage(exception)}");
                    }

                    string forUser = token.Version == SignalingTokenVersion.AccessToken ? $" for user {uid!.Value}" : string.Empty;
                    verdict = valid.Value
                        ? $"valid: signed with the app certificate given{forUser}"
                        : $"INVALID: not signed with the app certificate given{forUser}";
                }

                output.Result(TokenOutput.From(token, valid), w => TokenText.Write(w, token, verdict));
                forged = valid == false;
            },
            ct);
            return Task.FromResult(code == ExitCodes.Success && forged ? ExitCodes.TokenInvalid : code);
        });
        return command;
    }

    private static uint UInt32(long value, string option, string what) => value is >= 0 and <= uint.MaxValue
        ? (uint)value
        : throw new UsageException($"{option} must be {what} from 0 to {uint.MaxValue.ToString(CultureInfo.InvariantCulture)}.");

}
