namespace Tracking.MapGenerator.Roads;

/// <summary>Strongly connected components of a directed graph (Tarjan's algorithm, without recursion).</summary>
internal static class StrongComponents
{
    /// <summary>The component number of every node; nodes share a number when each reaches the other.</summary>
    public static int[] Find(int nodeCount, IReadOnlyList<List<int>> successors)
    {
        var component = new int[nodeCount];
        var order = new int[nodeCount];
        var low = new int[nodeCount];
        var onStack = new bool[nodeCount];
        Array.Fill(order, -1);
        var stack = new Stack<int>();
        var work = new Stack<(int Node, int Next)>();
        var counter = 0;
        var components = 0;
        for (var root = 0; root < nodeCount; root++)
        {
            if (order[root] >= 0)
            {
                continue;
            }

            work.Push((root, 0));
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                if (next == 0)
                {
                    order[node] = low[node] = counter++;
                    stack.Push(node);
                    onStack[node] = true;
                }

                var edges = successors[node];
                var descended = false;
                for (var i = next; i < edges.Count; i++)
                {
                    var target = edges[i];
                    if (order[target] < 0)
                    {
                        work.Push((node, i + 1));
                        work.Push((target, 0));
                        descended = true;
                        break;
                    }

                    if (onStack[target])
                    {
                        low[node] = Math.Min(low[node], order[target]);
                    }
                }

                if (descended)
                {
                    continue;
                }

                if (low[node] == order[node])
                {
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component[member] = components;
                    }
                    while (member != node);
                    components++;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return component;
    }
}
