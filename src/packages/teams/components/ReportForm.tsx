import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { scrollToField, type FieldProblem } from '../../../utils/forms';
import { reportProblem } from '../team-view';
import FormField from './FormField';

interface Props {
  busy: boolean;
  /** Resolves with the server's refusal, or null when sent. */
  onSubmit: (values: { title: string; summary: string; link: string }) => Promise<string | null>;
}

/**
 * 提交实践报告 (leader): title, a summary of at least 20 characters, a link to the full report. Hooks:
 * `.report-title-input`, `.report-summary-input`, `.report-link-input`, `.report-submit`, `.report-error`.
 */
export default function ReportForm({ busy, onSubmit }: Props) {
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const clear = (set: (v: string) => void) => (v: string) => {
    set(v);
    setError(null);
    setProblem(null);
  };
  const at = (field: string) => (problem?.field === field ? { message: problem.message, hook: 'report-error' } : null);

  async function submit() {
    const values = { title: title.trim(), summary: summary.trim(), link: link.trim() };
    const found = reportProblem(values);
    setProblem(found);
    if (found) {
      setError(null);
      scrollToField(found.field);
      return;
    }
    setError(await onSubmit(values));
  }

  return (
    <View className='team-report-form'>
      <Text className='team-section-title'>提交实践报告</Text>
      <FormField label='报告标题' hook='report-title-input' value={title} placeholder='如：大悟县茶产业调研报告' maxlength={60} error={at('report-title-input')} onInput={clear(setTitle)} />
      <FormField
        label='报告摘要'
        hook='report-summary-input'
        value={summary}
        placeholder='实践内容、成果与收获（至少 20 个字）'
        maxlength={2000}
        multiline
        hint={`已写 ${summary.trim().length} 字，至少 20 字`}
        error={at('report-summary-input')}
        onInput={clear(setSummary)}
      />
      <FormField label='报告链接' hook='report-link-input' value={link} placeholder='网盘或文档链接（选填）' maxlength={300} error={at('report-link-input')} onInput={clear(setLink)} />
      {error ? <Text className='team-error report-error'>{error}</Text> : null}
      <View className='team-form__actions'>
        <Button className='team-button report-submit' type='primary' loading={busy} disabled={busy} onClick={() => void submit()}>
          提交报告
        </Button>
      </View>
    </View>
  );
}
