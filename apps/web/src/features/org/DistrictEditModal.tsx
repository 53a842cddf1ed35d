import { Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/status.tsx';
import type { DistrictDetail } from '../../app/types.ts';
import { orgKeys, updateDistrict } from './org.api.ts';

/** Names and population of a district; shown only when the policy allows `update`. */
export function DistrictEditModal({ district, opened, onClose }: {
  district: DistrictDetail; opened: boolean; onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [nameKk, setNameKk] = useState(district.nameKk);
  const [nameRu, setNameRu] = useState(district.nameRu);
  const [population, setPopulation] = useState<string | number>(district.population ?? '');
  const populationValue = population === '' ? null : Number(population);
  const populationValid = populationValue === null || (Number.isInteger(populationValue) && populationValue >= 0);

  const save = useMutation({
    mutationFn: () => updateDistrict(district.id, {
      nameKk: nameKk.trim(), nameRu: nameRu.trim(), population: populationValue,
    }),
    onSuccess: (updated) => {
      queryClient.setQueryData(orgKeys.district(district.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['districts'] });
      void queryClient.invalidateQueries({ queryKey: orgKeys.tree });
      notifications.show({ color: 'teal', title: t('app.success'), message: t('app.saved') });
      onClose();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (nameKk.trim() && nameRu.trim() && populationValid) save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('district.editTitle')} closeButtonProps={{ 'aria-label': t('app.cancel') }}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          {save.isError && <ErrorAlert error={save.error} />}
          <TextInput label={t('district.nameKk')} value={nameKk} onChange={(e) => setNameKk(e.currentTarget.value)} required maxLength={200} />
          <TextInput label={t('district.nameRu')} value={nameRu} onChange={(e) => setNameRu(e.currentTarget.value)} required maxLength={200} />
          <NumberInput
            label={t('district.population')}
            value={population}
            onChange={setPopulation}
            min={0}
            max={10_000_000}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            error={populationValid ? undefined : t('district.populationInvalid')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t('app.cancel')}</Button>
            <Button type="submit" loading={save.isPending}>{t('app.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
