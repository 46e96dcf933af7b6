using System.Reflection.Emit;

namespace Agora.Signaling.Benchmarks.Profiling;

/// <summary>
/// Code that costs little time run hot but is large: 200 distinct compiled methods of straight-line arithmetic, about
/// 30 KB of machine code, run in turn. Added before each call of a baseline (the "-cold-code" targets), it shows what
/// running that much more code costs between a request and its answer on loopback, where caches are cold, against
/// what it costs in a tight loop (the "cold-code" target).
/// </summary>
internal static class ColdCode
{
    private static readonly Func<long, long, long>[] Methods = [.. Enumerable.Range(0, 200).Select(Create)];

    private static long s_sink;

    public static void Run()
    {
        long a = 1, b = 2;
        foreach (var method in Methods)
        {
            a = method(a, b);
            b ^= a;
        }

        s_sink = a + b;
    }

    // a = a * k ^ (b + m); b = (b << s) + a - n, six times with constants of its own, so no two methods share code.
    private static Func<long, long, long> Create(int index)
    {
        var method = new DynamicMethod($"ColdCode{index}", typeof(long), [typeof(long), typeof(long)], typeof(ColdCode).Module);
        var il = method.GetILGenerator();
        for (int step = 0; step < 6; step++)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I8, (long)(index * 7 + step + 3));
            il.Emit(OpCodes.Mul);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I8, (long)(index * 13 + step * 5 + 1));
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Xor);
            il.Emit(OpCodes.Starg_S, (byte)0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, step % 5 + 1);
            il.Emit(OpCodes.Shl);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldc_I8, (long)(index + step));
            il.Emit(OpCodes.Sub);
            il.Emit(OpCodes.Starg_S, (byte)1);
        }

        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<Func<long, long, long>>();
    }
}
