/** A resource (资源载体) in a dialog: new or changed, its suitable industries, the publish flag and its photos. */
import { Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { showError, showSuccess } from '../../api/client';
import { AVAILABILITIES, PRICE_UNITS, RESOURCE_KINDS, resourcesApi, type Availability, type PriceUnit, type ResourceKind } from '../../api/portal';
import { useMe } from '../../auth/session';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useI18n } from '../../i18n';
import { IndustryCodesSelect } from '../chains/IndustryCodesSelect';

interface Values {
  kind: ResourceKind;
  regionCode: string;
  name: string;
  address?: string;
  areaSqm?: number | null;
  priceYuan?: number | null;
  priceUnit?: PriceUnit | null;
  description?: string;
  suitableIndustryCodes: string[];
  availability: Availability;
  published: boolean;
}

/** Reads a picked file as base64 (without the data: prefix) for the photo upload body. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** `id` null: a new resource. */
export function ResourceForm({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const existing = useQuery({ queryKey: ['portal', 'resource', id], queryFn: () => resourcesApi.get(id ?? ''), enabled: id !== null });
  const resource = existing.data;
  const refresh = () => client.invalidateQueries({ queryKey: ['portal'] });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        kind: v.kind,
        regionCode: v.regionCode,
        name: v.name,
        address: v.address ?? '',
        areaSqm: v.areaSqm ?? null,
        priceYuan: v.priceYuan ?? null,
        priceUnit: v.priceYuan == null ? null : (v.priceUnit ?? null),
        description: v.description ?? '',
        suitableIndustryCodes: v.suitableIndustryCodes ?? [],
        availability: v.availability,
        published: v.published,
      };
      return resource ? resourcesApi.update(resource.id, { ...body, version: resource.version }) : resourcesApi.create(body);
    },
    onSuccess: async () => {
      showSuccess(t('portal.resource.saved'));
      await refresh();
      onClose();
    },
    onError: (e) => showError(e),
  });
  const upload = useMutation({
    mutationFn: async (file: File) => resourcesApi.uploadPhoto(id ?? '', { fileName: file.name, contentBase64: await readBase64(file) }),
    onSuccess: async () => {
      showSuccess(t('portal.resource.photoUploaded'));
      await refresh();
    },
    onError: (e) => showError(e),
  });
  const loading = id !== null && !resource;
  const initial: Partial<Values> = resource
    ? {
        kind: resource.kind,
        regionCode: resource.regionCode,
        name: resource.name,
        address: resource.address,
        areaSqm: resource.areaSqm,
        priceYuan: resource.priceYuan,
        priceUnit: resource.priceUnit,
        description: resource.description,
        suitableIndustryCodes: resource.suitableIndustries.map((i) => i.code),
        availability: resource.availability,
        published: resource.published,
      }
    : { kind: 'land', regionCode: me.regionCode ?? undefined, suitableIndustryCodes: [], availability: 'available', published: false };
  return (
    <Modal
      open
      title={resource ? t('portal.resource.edit') : t('portal.resource.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: loading }}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
    >
      {loading ? (
        <Typography.Text type="secondary">{t('portal.loading')}</Typography.Text>
      ) : (
        <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="kind" label={t('portal.resource.kind')}>
            <Select data-testid="resource-kind-input" options={RESOURCE_KINDS.map((k) => ({ value: k, label: t(`portal.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('portal.resource.name')} rules={[{ required: true, whitespace: true }, { max: 200 }]}>
            <Input data-testid="resource-name-input" maxLength={200} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('portal.resource.region')}>
            <RegionTreeSelect allowClear={false} />
          </Form.Item>
          <Form.Item name="address" label={t('portal.resource.address')}>
            <Input maxLength={300} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="areaSqm" label={t('portal.resource.areaSqm')}>
              <InputNumber min={0} precision={0} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="priceYuan" label={t('portal.resource.price')}>
              <InputNumber min={0} precision={0} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="priceUnit" label={t('portal.resource.priceUnit')}>
              <Select allowClear style={{ width: 160 }} options={PRICE_UNITS.map((u) => ({ value: u, label: t(`portal.priceUnit.${u}`) }))} />
            </Form.Item>
          </Space>
          <Form.Item name="suitableIndustryCodes" label={t('portal.resource.industries')}>
            <IndustryCodesSelect testId="resource-industries" sections />
          </Form.Item>
          <Form.Item name="description" label={t('portal.resource.description')}>
            <Input.TextArea rows={3} maxLength={8000} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="availability" label={t('portal.resource.availability')}>
              <Select style={{ width: 160 }} options={AVAILABILITIES.map((a) => ({ value: a, label: t(`portal.availability.${a}`) }))} />
            </Form.Item>
            <Form.Item name="published" label={t('portal.resource.published')} valuePropName="checked">
              <Switch data-testid="resource-published-input" />
            </Form.Item>
          </Space>
          {resource && (
            <Form.Item label={t('portal.resource.photos')}>
              <Space direction="vertical">
                <Typography.Text type="secondary">{t('portal.resource.photoCount', { n: resource.photos.length })}</Typography.Text>
                <Upload
                  accept="image/*"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    upload.mutate(file);
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={upload.isPending}>
                    {t('portal.resource.uploadPhoto')}
                  </Button>
                </Upload>
              </Space>
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
}
