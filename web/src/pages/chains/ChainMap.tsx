import { memo, useMemo } from 'react';
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './chains.css';
import type { ChainNode, CoverageStatus, NodeCoverage, Segment } from '../../api/chains';
import { useI18n } from '../../i18n';
import { layoutChain } from './chainLayout';
import { segmentName, StatusLabel, STATUS_STYLE } from './coverage';

type ChainNodeData = { node: ChainNode; status: CoverageStatus | null; onOpen: (code: string) => void };
type SegmentData = { segment: Segment };
type MapNode = Node<ChainNodeData, 'chain'> | Node<SegmentData, 'segment'>;

const HANDLE_STYLE = { opacity: 0, pointerEvents: 'none' as const, left: 14 };

/** A chain node: a button with its name and, once coverage loads, its status in colour, icon and words. */
const ChainNodeBox = memo(function ChainNodeBox({ data }: NodeProps<Node<ChainNodeData, 'chain'>>) {
  const { t } = useI18n();
  const s = data.status ? STATUS_STYLE[data.status] : null;
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} style={{ opacity: 0, pointerEvents: 'none' }} />
      <button
        type="button"
        className="chain-map-node"
        data-testid="chain-node"
        data-code={data.node.code}
        onClick={() => data.onOpen(data.node.code)}
        style={s ? { background: s.background, borderColor: s.border } : undefined}
      >
        <span className="chain-map-node-name">{data.node.name}</span>
        <span className="chain-map-node-meta">
          {data.status ? <StatusLabel t={t} status={data.status} /> : <span className="chain-map-node-code">{data.node.code}</span>}
        </span>
      </button>
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={HANDLE_STYLE} />
    </>
  );
});

const SegmentHeading = memo(function SegmentHeading({ data }: NodeProps<Node<SegmentData, 'segment'>>) {
  const { t } = useI18n();
  return (
    <>
      <Handle id="in" type="target" position={Position.Left} isConnectable={false} style={{ opacity: 0, pointerEvents: 'none' }} />
      <div className="chain-map-heading" role="heading" aria-level={3}>
        {segmentName(t, data.segment)}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={HANDLE_STYLE} />
      <Handle id="out" type="source" position={Position.Right} isConnectable={false} style={{ opacity: 0, pointerEvents: 'none' }} />
    </>
  );
});

const NODE_TYPES = { chain: ChainNodeBox, segment: SegmentHeading };

interface Props {
  nodes: readonly ChainNode[];
  coverage: ReadonlyMap<string, NodeCoverage> | null;
  onOpen: (code: string) => void;
}

/** The chain as a node-and-edge diagram: 上游 → 中游 → 下游 columns, each a tree; a click opens the node. */
export function ChainMap({ nodes, coverage, onOpen }: Props) {
  const { t } = useI18n();
  const { flowNodes, flowEdges, height } = useMemo(() => {
    const layout = layoutChain(nodes);
    const flowNodes: MapNode[] = layout.placed.map((p) =>
      p.kind === 'segment'
        ? { id: p.id, type: 'segment', position: { x: p.x, y: p.y }, data: { segment: p.segment }, width: p.width, height: p.height, selectable: false }
        : {
            id: p.id,
            type: 'chain',
            position: { x: p.x, y: p.y },
            width: p.width,
            height: p.height,
            selectable: false,
            // not selectable nor draggable: xyflow would let the pane take the pointer, and the node's button needs it
            style: { pointerEvents: 'all' },
            data: { node: p.node as ChainNode, status: coverage?.get(p.id)?.status ?? null, onOpen },
          },
    );
    const flowEdges: Edge[] = layout.links.map((l) =>
      l.kind === 'flow'
        ? {
            id: l.id,
            source: l.source,
            target: l.target,
            sourceHandle: 'out',
            targetHandle: 'in',
            markerEnd: { type: MarkerType.ArrowClosed, color: '#8c8c8c' },
            style: { stroke: '#8c8c8c', strokeWidth: 2 },
            focusable: false,
          }
        : { id: l.id, source: l.source, target: l.target, type: 'smoothstep', style: { stroke: '#bfbfbf' }, focusable: false },
    );
    return { flowNodes, flowEdges, height: layout.height };
  }, [nodes, coverage, onOpen]);

  return (
    <div className="chain-map" style={{ height: Math.min(Math.max(height + 48, 360), 1000) }} data-testid="chain-map">
      <ReactFlow<MapNode>
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ padding: 0.04, maxZoom: 1 }}
        minZoom={0.3}
        maxZoom={1.5}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
        zoomOnDoubleClick={false}
        ariaLabelConfig={{
          'controls.ariaLabel': t('chains.map.controls'),
          'controls.zoomIn.ariaLabel': t('chains.map.zoomIn'),
          'controls.zoomOut.ariaLabel': t('chains.map.zoomOut'),
          'controls.fitView.ariaLabel': t('chains.map.fitView'),
          'controls.interactive.ariaLabel': t('chains.map.interactive'),
        }}
      >
        <Background gap={24} color="#f0f0f0" />
        <Controls showInteractive={false} position="top-right" />
      </ReactFlow>
    </div>
  );
}
